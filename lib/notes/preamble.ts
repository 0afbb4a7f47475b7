// Detects blocks that are not study content: a prompt written to a chat assistant ("Custom Instructions").

export interface PreambleVerdict {
  score: number;
  signals: string[];
}

const SIGNALS: Array<{ name: string; re: RegExp; onHeadingsOnly?: boolean }> = [
  { name: "prompt-title", re: /custom instructions|system prompt|\bprompt\b|프롬프트/i, onHeadingsOnly: true },
  {
    name: "question-to-assistant",
    re: /^(?=.*(\byou\b|chatgpt|assistant|너는|당신|네가)).*\?\s*$/i,
    onHeadingsOnly: true,
  },
  { name: "assistant-name", re: /\b(chatgpt|gpt-\d|claude|gemini|copilot|llm|language model|ai assistant)\b/i },
  { name: "template-placeholder", re: /\$[a-z_][a-z0-9_]*\b.*\$[a-z_][a-z0-9_]*\b|\{\{\s*\w+\s*\}\}/i },
  {
    name: "instruction-to-assistant",
    re: /(답변|대답|응답|출력|정리)해\s*줘|부탁해|해\s*주세요.*(형식|답변)|\b(please\s+)?(respond|reply|answer)\s+(in|with|to|using)\b|\bact as\b/i,
  },
];

/**
 * Scores a block (its heading lines and body lines). Two or more independent signals mark it as a
 * preamble: study notes rarely address an assistant, use `$placeholders` and ask it to respond.
 */
export function scorePreamble(headings: readonly string[], body: readonly string[]): PreambleVerdict {
  const signals: string[] = [];
  const headingText = headings.join("\n");
  const all = `${headingText}\n${body.join("\n")}`;
  for (const s of SIGNALS) {
    const hay = s.onHeadingsOnly ? headings : all.split("\n");
    if (hay.some((l) => s.re.test(l))) signals.push(s.name);
  }
  return { score: signals.length, signals };
}

export const PREAMBLE_MIN_SIGNALS = 2;
/** Long blocks need a title signal too: a long study section may mention ChatGPT and a `$var` by chance. */
export const PREAMBLE_MAX_UNTITLED_LINES = 60;

export function isPreamble(headings: readonly string[], body: readonly string[]): boolean {
  const v = scorePreamble(headings, body);
  if (v.score < PREAMBLE_MIN_SIGNALS) return false;
  return body.length <= PREAMBLE_MAX_UNTITLED_LINES || v.signals.includes("prompt-title");
}
