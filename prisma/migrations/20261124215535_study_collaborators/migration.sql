-- CreateTable
CREATE TABLE "StudyCollaborator" (
    "studyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StudyCollaborator_pkey" PRIMARY KEY ("studyId","userId")
);

-- CreateIndex
CREATE INDEX "StudyCollaborator_userId_idx" ON "StudyCollaborator"("userId");

-- AddForeignKey
ALTER TABLE "StudyCollaborator" ADD CONSTRAINT "StudyCollaborator_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyCollaborator" ADD CONSTRAINT "StudyCollaborator_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
