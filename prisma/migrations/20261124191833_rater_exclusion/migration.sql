-- CreateTable
CREATE TABLE "RaterExclusion" (
    "studyId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "reason" TEXT,
    "excludedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RaterExclusion_pkey" PRIMARY KEY ("studyId","raterId")
);

-- AddForeignKey
ALTER TABLE "RaterExclusion" ADD CONSTRAINT "RaterExclusion_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RaterExclusion" ADD CONSTRAINT "RaterExclusion_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RaterExclusion" ADD CONSTRAINT "RaterExclusion_excludedById_fkey" FOREIGN KEY ("excludedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
