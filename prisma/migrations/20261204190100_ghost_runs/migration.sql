-- CreateTable
CREATE TABLE "GhostRun" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "bankId" TEXT NOT NULL,
    "setKey" TEXT NOT NULL,
    "questionIds" TEXT[],
    "topicIds" TEXT[],
    "secondsPerQuestion" INTEGER NOT NULL,
    "ghost" JSONB,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "totalPoints" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GhostRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GhostRunAnswer" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "questionIndex" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "choiceIds" TEXT[],
    "correct" BOOLEAN NOT NULL,
    "timedOut" BOOLEAN NOT NULL DEFAULT false,
    "offsetMs" INTEGER NOT NULL,
    "responseMs" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GhostRunAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GhostRun_userId_setKey_finishedAt_idx" ON "GhostRun"("userId", "setKey", "finishedAt");

-- CreateIndex
CREATE INDEX "GhostRun_setKey_finishedAt_idx" ON "GhostRun"("setKey", "finishedAt");

-- CreateIndex
CREATE INDEX "GhostRunAnswer_questionId_idx" ON "GhostRunAnswer"("questionId");

-- CreateIndex
CREATE UNIQUE INDEX "GhostRunAnswer_runId_questionIndex_key" ON "GhostRunAnswer"("runId", "questionIndex");

-- AddForeignKey
ALTER TABLE "GhostRun" ADD CONSTRAINT "GhostRun_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GhostRun" ADD CONSTRAINT "GhostRun_bankId_fkey" FOREIGN KEY ("bankId") REFERENCES "QuestionBank"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GhostRunAnswer" ADD CONSTRAINT "GhostRunAnswer_runId_fkey" FOREIGN KEY ("runId") REFERENCES "GhostRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GhostRunAnswer" ADD CONSTRAINT "GhostRunAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE CASCADE ON UPDATE CASCADE;
