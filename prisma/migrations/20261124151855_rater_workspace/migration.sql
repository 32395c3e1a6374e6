-- CreateEnum
CREATE TYPE "RationaleMode" AS ENUM ('off', 'optional', 'required');

-- CreateEnum
CREATE TYPE "FlagReason" AS ENUM ('broken', 'offensive', 'other');

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "skipReason" TEXT;

-- AlterTable
ALTER TABLE "Judgment" ADD COLUMN     "goldCorrect" BOOLEAN;

-- AlterTable
ALTER TABLE "Pair" ADD COLUMN     "goldVerdict" "Verdict";

-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "goldRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "promptOncePerRater" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "raterTitle" TEXT NOT NULL DEFAULT 'Compare two answers',
ADD COLUMN     "rationaleMode" "RationaleMode" NOT NULL DEFAULT 'off';

-- CreateTable
CREATE TABLE "Flag" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "reason" "FlagReason" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Flag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Flag_pairId_idx" ON "Flag"("pairId");

-- CreateIndex
CREATE UNIQUE INDEX "Flag_assignmentId_reason_key" ON "Flag"("assignmentId", "reason");

-- AddForeignKey
ALTER TABLE "Flag" ADD CONSTRAINT "Flag_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Flag" ADD CONSTRAINT "Flag_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Pair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Flag" ADD CONSTRAINT "Flag_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
