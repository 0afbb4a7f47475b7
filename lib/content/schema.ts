// Zod schemas for a question bank in content/banks/<bank>/ (see docs/content-format.md):
// bank.yaml and topics/NN-slug.yaml, with the cross-field rules a reviewer would otherwise
// have to check by eye (choice counts, `choose`, duplicate options, source ranges, domains).
import { z } from "zod";

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FILE_NAME_RE = /^[^/\\]+$/;

const nonEmpty = z.string().trim().min(1, "must not be empty");

export const localizedTextSchema = z.strictObject({ ko: nonEmpty, en: nonEmpty });

const slugSchema = z.string().regex(SLUG_RE, "must be lowercase ascii kebab-case (a-z, 0-9, single dashes)");

const positiveInt = z.number().int().positive();

/** `[start, end]`, 1-based inclusive, start ≤ end. */
export const lineRangeSchema = z
  .tuple([positiveInt, positiveInt])
  .refine(([start, end]) => start <= end, { message: "line range start must be ≤ end" });

export const domainSchema = z.strictObject({
  id: positiveInt,
  weight: z.number().int().min(1).max(100),
  title: localizedTextSchema,
});

export const examShapeSchema = z
  .strictObject({
    questionCount: positiveInt,
    minutes: positiveInt,
    passingScore: positiveInt,
    minScore: z.number().int().min(0),
    maxScore: positiveInt,
  })
  .superRefine((exam, ctx) => {
    if (exam.minScore >= exam.maxScore) {
      ctx.addIssue({ code: "custom", path: ["minScore"], message: "minScore must be below maxScore" });
    }
    if (exam.passingScore < exam.minScore || exam.passingScore > exam.maxScore) {
      ctx.addIssue({ code: "custom", path: ["passingScore"], message: "passingScore must lie between minScore and maxScore" });
    }
  });

export const bankSchema = z
  .strictObject({
    slug: slugSchema,
    examCode: nonEmpty,
    language: z.string().regex(/^[a-z]{2}$/, "must be a two-letter language code"),
    title: localizedTextSchema,
    sourceFiles: z.array(z.string().regex(FILE_NAME_RE, "must be a file name, not a path")).min(1),
    domains: z.array(domainSchema).min(1),
    exam: examShapeSchema,
  })
  .superRefine((bank, ctx) => {
    const seen = new Set<number>();
    bank.domains.forEach((d, i) => {
      if (seen.has(d.id)) ctx.addIssue({ code: "custom", path: ["domains", i, "id"], message: `duplicate domain id ${d.id}` });
      seen.add(d.id);
    });
    const total = bank.domains.reduce((sum, d) => sum + d.weight, 0);
    if (total !== 100) ctx.addIssue({ code: "custom", path: ["domains"], message: `domain weights must sum to 100 (they sum to ${total})` });
    const files = new Set<string>();
    bank.sourceFiles.forEach((f, i) => {
      if (files.has(f)) ctx.addIssue({ code: "custom", path: ["sourceFiles", i], message: `duplicate source file ${f}` });
      files.add(f);
    });
  });

export type Bank = z.infer<typeof bankSchema>;
export type Domain = z.infer<typeof domainSchema>;
export type LineRange = z.infer<typeof lineRangeSchema>;

export const choiceSchema = z.strictObject({
  id: z.string().regex(/^[a-z]$/, "choice id must be one lowercase letter"),
  text: nonEmpty,
  correct: z.boolean(),
  why: nonEmpty,
});

export const questionTypeSchema = z.enum(["single", "multiple"]);
export const difficultySchema = z.enum(["easy", "medium", "hard"]);

/** Case- and whitespace-insensitive form of a choice text, for duplicate detection. */
export function normalizeChoiceText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim().replace(/[.。]$/, "");
}

const questionBaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*-\d{2,}$/, "question id must be <topic-slug>-NN"),
  type: questionTypeSchema,
  choose: z.number().int().optional(),
  domain: positiveInt,
  difficulty: difficultySchema,
  scenario: z.boolean(),
  stem: nonEmpty,
  choices: z.array(choiceSchema),
  explanation: nonEmpty,
  source: z.strictObject({ lines: lineRangeSchema }),
  errata: nonEmpty.optional(),
  // Optional: the exam versions the question belongs to (e.g. [SOA-C02]); absent means every version
  // of the bank. A mock exam for one version leaves out questions tagged only for others.
  examVersions: z
    .array(z.string().regex(/^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/, "exam versions are upper-case codes such as SOA-C02"))
    .min(1)
    .refine((versions) => new Set(versions).size === versions.length, { message: "duplicate exam version" })
    .optional(),
});

export type Choice = z.infer<typeof choiceSchema>;
export type Question = z.infer<typeof questionBaseSchema>;

type Ctx = z.core.$RefinementCtx<Question>;

/** Rules that need several fields of one question (counts, `choose`, duplicate options). */
export function checkQuestion(q: Question, ctx: Ctx): void {
  const correct = q.choices.filter((c) => c.correct).length;
  if (q.type === "single") {
    if (q.choose !== undefined) {
      ctx.addIssue({ code: "custom", path: ["choose"], message: "`choose` is only for multiple-response questions" });
    }
    if (q.choices.length !== 4) {
      ctx.addIssue({ code: "custom", path: ["choices"], message: `a single-response question needs exactly 4 choices (it has ${q.choices.length})` });
    }
    if (correct !== 1) {
      ctx.addIssue({ code: "custom", path: ["choices"], message: `a single-response question needs exactly one correct choice (it has ${correct})` });
    }
  } else {
    if (q.choose === undefined) {
      ctx.addIssue({ code: "custom", path: ["choose"], message: "a multiple-response question needs `choose` (2 or 3)" });
    } else if (q.choose !== 2 && q.choose !== 3) {
      ctx.addIssue({ code: "custom", path: ["choose"], message: `\`choose\` must be 2 or 3 (it is ${q.choose})` });
    } else if (q.choose !== correct) {
      ctx.addIssue({ code: "custom", path: ["choose"], message: `\`choose\` is ${q.choose} but ${correct} choices are marked correct` });
    }
    if (q.choices.length < 5) {
      ctx.addIssue({ code: "custom", path: ["choices"], message: `a multiple-response question needs at least 5 choices (it has ${q.choices.length})` });
    }
  }
  const ids = new Map<string, number>();
  const texts = new Map<string, number>();
  q.choices.forEach((c, i) => {
    const firstId = ids.get(c.id);
    if (firstId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["choices", i, "id"], message: `duplicate choice id "${c.id}" (also choices[${firstId}])` });
    } else ids.set(c.id, i);
    const norm = normalizeChoiceText(c.text);
    const firstText = texts.get(norm);
    if (firstText !== undefined) {
      ctx.addIssue({ code: "custom", path: ["choices", i, "text"], message: `duplicate choice text (same as choices[${firstText}])` });
    } else texts.set(norm, i);
  });
}

export const questionSchema = questionBaseSchema.superRefine(checkQuestion);

export interface TopicSchemaOptions {
  /** Domain ids declared in bank.yaml; a question's `domain` must be one of them. */
  domainIds: readonly number[];
  /** File names declared in bank.yaml `sourceFiles`; when given, `source.file` must be one of them. */
  sourceFiles?: readonly string[];
}

/** The minimum number of non-blank lines in a topic note, and the maximum. */
export const NOTE_LINES = { min: 6, max: 15 } as const;

function countNoteLines(note: string): number {
  return note.split("\n").filter((l) => l.trim() !== "").length;
}

export function createTopicSchema(options: TopicSchemaOptions) {
  const domainIds = new Set(options.domainIds);
  const sourceFiles = options.sourceFiles ? new Set(options.sourceFiles) : null;
  return z
    .strictObject({
      slug: slugSchema,
      order: positiveInt,
      title: localizedTextSchema,
      examTags: z.array(z.string().regex(/^[A-Z][A-Z0-9]*$/, "exam tags are upper-case codes such as SOA or SAA")).min(1),
      source: z.strictObject({
        file: z.string().regex(FILE_NAME_RE, "must be a file name, not a path"),
        lines: lineRangeSchema,
      }),
      note: nonEmpty.refine(
        (n) => {
          const lines = countNoteLines(n);
          return lines >= NOTE_LINES.min && lines <= NOTE_LINES.max;
        },
        { message: `the note must have ${NOTE_LINES.min}-${NOTE_LINES.max} non-blank lines` },
      ),
      questions: z.array(questionSchema),
    })
    .superRefine((topic, ctx) => {
      if (sourceFiles && !sourceFiles.has(topic.source.file)) {
        ctx.addIssue({ code: "custom", path: ["source", "file"], message: `${topic.source.file} is not listed in bank.yaml sourceFiles` });
      }
      const [from, to] = topic.source.lines;
      const tags = new Set<string>();
      topic.examTags.forEach((t, i) => {
        if (tags.has(t)) ctx.addIssue({ code: "custom", path: ["examTags", i], message: `duplicate exam tag ${t}` });
        tags.add(t);
      });
      const prefix = `${topic.slug}-`;
      topic.questions.forEach((q, i) => {
        if (!q.id.startsWith(prefix) || !/^\d{2,}$/.test(q.id.slice(prefix.length))) {
          ctx.addIssue({ code: "custom", path: ["questions", i, "id"], message: `question id must be ${prefix}NN` });
        }
        if (!domainIds.has(q.domain)) {
          ctx.addIssue({ code: "custom", path: ["questions", i, "domain"], message: `domain ${q.domain} is not declared in bank.yaml` });
        }
        const [start, end] = q.source.lines;
        if (start < from || end > to) {
          ctx.addIssue({
            code: "custom",
            path: ["questions", i, "source", "lines"],
            message: `source lines [${start}, ${end}] lie outside the topic's range [${from}, ${to}]`,
          });
        }
      });
    });
}

export type Topic = z.infer<ReturnType<typeof createTopicSchema>>;
