-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "completionCode" TEXT,
ADD COLUMN     "completionUrl" TEXT,
ADD COLUMN     "crowdToken" TEXT,
ADD COLUMN     "exportParticipantIds" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "participantId" TEXT,
ADD COLUMN     "participantOfStudyId" TEXT,
ADD COLUMN     "participantSessionRef" TEXT,
ADD COLUMN     "participantStudyRef" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Study_crowdToken_key" ON "Study"("crowdToken");

-- CreateIndex
CREATE UNIQUE INDEX "User_participantOfStudyId_participantId_key" ON "User"("participantOfStudyId", "participantId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_participantOfStudyId_fkey" FOREIGN KEY ("participantOfStudyId") REFERENCES "Study"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
