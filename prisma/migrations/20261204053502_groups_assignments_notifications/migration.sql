-- CreateEnum
CREATE TYPE "LatePolicy" AS ENUM ('REFUSE', 'ACCEPT_LATE');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('ASSIGNMENT_NEW', 'ASSIGNMENT_DUE_SOON', 'RESULTS_RELEASED', 'LIVE_GAME_OPEN');

-- AlterEnum
ALTER TYPE "AssignmentMode" ADD VALUE 'LIVE';

-- DropIndex
DROP INDEX "Attempt_assignmentId_idx";

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "dueSoonNotifiedAt" TIMESTAMP(3),
ADD COLUMN     "examFormat" TEXT,
ADD COLUMN     "latePolicy" "LatePolicy" NOT NULL DEFAULT 'REFUSE',
ADD COLUMN     "liveClaimedAt" TIMESTAMP(3),
ADD COLUMN     "liveClaimedBy" TEXT,
ADD COLUMN     "liveStartedAt" TIMESTAMP(3),
ADD COLUMN     "openAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "resultsReleasedAt" TIMESTAMP(3),
ADD COLUMN     "secondsPerQuestion" INTEGER,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL;

-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "joinEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "seasonStartedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'Asia/Seoul';

-- CreateTable
CREATE TABLE "GroupGame" (
    "roomId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "assignmentId" TEXT,
    "hostUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupGame_pkey" PRIMARY KEY ("roomId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "groupId" TEXT,
    "assignmentId" TEXT,
    "data" JSONB NOT NULL,
    "href" TEXT NOT NULL,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GroupGame_assignmentId_key" ON "GroupGame"("assignmentId");

-- CreateIndex
CREATE INDEX "GroupGame_groupId_createdAt_idx" ON "GroupGame"("groupId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_kind_assignmentId_key" ON "Notification"("userId", "kind", "assignmentId");

-- CreateIndex
CREATE INDEX "Assignment_mode_openAt_idx" ON "Assignment"("mode", "openAt");

-- CreateIndex
CREATE UNIQUE INDEX "Attempt_assignmentId_userId_key" ON "Attempt"("assignmentId", "userId");

-- AddForeignKey
ALTER TABLE "GroupGame" ADD CONSTRAINT "GroupGame_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupGame" ADD CONSTRAINT "GroupGame_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupGame" ADD CONSTRAINT "GroupGame_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
