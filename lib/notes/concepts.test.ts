// Which sibling sections count as concepts of one kind ("which of these is described?" with them
// as options), and which are only the parts of a document.
import { describe, expect, it } from "vitest";
import { parseNotes } from "./parse";
import { generateQuestions } from "./generate";

const sectionQuestions = (md: string) =>
  generateQuestions(parseNotes(md, "notes.md")).filter((q) => q.rule === "single-sibling");

const aspects = `# VPC 정리

### 서브넷
* 퍼블릭 서브넷은 라우팅 테이블에 Internet Gateway로 가는 경로가 있는 서브넷이다.
* 서브넷마다 AWS가 IP 5개를 예약한다.

### 보안
- 보안 그룹은 stateful이며 인스턴스 수준에서 동작한다.
- NACL은 stateless이며 서브넷 수준에서 동작한다.

### 연결
* VPC Peering은 전이적 라우팅을 지원하지 않는다.
* Transit Gateway는 수천 개의 VPC를 허브 앤 스포크로 연결한다.

### 로그
- VPC, 서브넷, ENI 수준에서 트래픽 정보를 캡처할 수 있다.
- 패킷 내용은 캡처하지 않는다.
`;

const services = `# Messaging

## SQS
- A fully managed message queue that decouples producers from consumers.
- Messages are kept for up to 14 days before they are deleted.

## SNS
- A pub/sub service that pushes each message to every subscribed endpoint.
- Delivers to Lambda, HTTP endpoints, email and SMS subscribers.

## Kinesis Data Streams
- Ordered records per shard that several consumers can replay.
- Records are readable for 24 hours by default, up to 365 days.
`;

describe("sibling sections as options", () => {
  it("does not ask which section a sentence sits in when the sections are aspects of one subject", () => {
    expect(sectionQuestions(aspects)).toEqual([]);
  });

  it("still asks which service is described when the sections name services", () => {
    const qs = sectionQuestions(services);
    expect(qs.length).toBeGreaterThan(0);
    for (const q of qs) expect(q.choices.map((c) => c.text)).toEqual(expect.arrayContaining(["SQS", "SNS"]));
  });
});
