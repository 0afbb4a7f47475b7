-- AlterTable
ALTER TABLE "RoomAnswer" ADD COLUMN     "answeredAt" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "masteryRecordedAt" TIMESTAMP(3),
ALTER COLUMN "correct" DROP NOT NULL,
ALTER COLUMN "points" DROP NOT NULL;

-- AlterTable
ALTER TABLE "RoomPlayer" ADD COLUMN     "playerKey" TEXT NOT NULL;

-- CreateTable
CREATE TABLE "RoomLog" (
    "roomId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "entry" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoomLog_pkey" PRIMARY KEY ("roomId","seq")
);

-- CreateIndex
CREATE INDEX "RoomAnswer_masteryRecordedAt_idx" ON "RoomAnswer"("masteryRecordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RoomPlayer_roomId_playerKey_key" ON "RoomPlayer"("roomId", "playerKey");

-- AddForeignKey
ALTER TABLE "RoomLog" ADD CONSTRAINT "RoomLog_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
