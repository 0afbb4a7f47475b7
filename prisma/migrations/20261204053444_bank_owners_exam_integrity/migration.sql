-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "examFormat" TEXT;

-- AlterTable
ALTER TABLE "Question" ADD COLUMN     "examVersions" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "QuestionBank" ADD COLUMN     "ownerId" TEXT,
ADD COLUMN     "shipped" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "eslExtraTime" BOOLEAN NOT NULL DEFAULT false;

-- Backfill (hand-written). A mock exam's format moves out of its JSON config; of several open
-- exams one learner started on one bank and format (possible before this index), only the newest
-- gets the column, so the index can be built; the others stay open until the deadline sweeper submits them.
UPDATE "Attempt" AS a SET "examFormat" = COALESCE(a.config->>'format', 'full')
WHERE a.mode = 'MOCK_EXAM' AND (a.status <> 'IN_PROGRESS' OR NOT EXISTS (
  SELECT 1 FROM "Attempt" AS newer
  WHERE newer.mode = 'MOCK_EXAM' AND newer.status = 'IN_PROGRESS' AND newer."userId" = a."userId" AND newer."bankId" = a."bankId"
    AND COALESCE(newer.config->>'format', 'full') = COALESCE(a.config->>'format', 'full')
    AND (newer."startedAt", newer.id) > (a."startedAt", a.id)));

-- A bank no import ever wrote was seeded from content/ (the seed marks its banks again on every start);
-- an imported bank belongs to whoever imported it first.
UPDATE "QuestionBank" AS b SET shipped = true WHERE NOT EXISTS (SELECT 1 FROM "NotesImport" AS n WHERE n."bankId" = b.id);
UPDATE "QuestionBank" AS b SET "ownerId" = (
  SELECT n."createdById" FROM "NotesImport" AS n WHERE n."bankId" = b.id AND n."createdById" IS NOT NULL ORDER BY n."createdAt" LIMIT 1
) WHERE NOT b.shipped;

-- CreateIndex
CREATE UNIQUE INDEX "Attempt_one_open_mock_exam" ON "Attempt"("userId", "bankId", "examFormat") WHERE (mode = 'MOCK_EXAM' AND status = 'IN_PROGRESS' AND "assignmentId" IS NULL);

-- AddForeignKey
ALTER TABLE "QuestionBank" ADD CONSTRAINT "QuestionBank_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
