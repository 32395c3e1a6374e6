-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'researcher', 'rater');

-- CreateEnum
CREATE TYPE "StudyStatus" AS ENUM ('draft', 'open', 'paused', 'closed');

-- CreateEnum
CREATE TYPE "Side" AS ENUM ('left', 'right');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('active', 'done', 'skipped', 'expired');

-- CreateEnum
CREATE TYPE "Verdict" AS ENUM ('win', 'tie', 'loss');

-- CreateEnum
CREATE TYPE "Choice" AS ENUM ('left', 'right', 'neither');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Study" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "instructions" TEXT NOT NULL DEFAULT '',
    "status" "StudyStatus" NOT NULL DEFAULT 'open',
    "judgmentsPerPair" INTEGER NOT NULL DEFAULT 1,
    "leaseSeconds" INTEGER NOT NULL DEFAULT 900,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "targetSystemId" TEXT,

    CONSTRAINT "Study_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "System" (
    "id" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "System_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Prompt" (
    "id" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "history" JSONB,
    "source" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Prompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Response" (
    "id" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pair" (
    "id" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "targetResponseId" TEXT NOT NULL,
    "baselineResponseId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Pair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "targetSide" "Side" NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'active',
    "leaseExpiresAt" TIMESTAMP(3) NOT NULL,
    "shownAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Judgment" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "choice" "Choice" NOT NULL,
    "verdict" "Verdict" NOT NULL,
    "targetSide" "Side" NOT NULL,
    "rationale" TEXT,
    "timeOnTaskMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Judgment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Study_slug_key" ON "Study"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Study_targetSystemId_key" ON "Study"("targetSystemId");

-- CreateIndex
CREATE UNIQUE INDEX "System_studyId_name_key" ON "System"("studyId", "name");

-- CreateIndex
CREATE INDEX "Prompt_studyId_position_idx" ON "Prompt"("studyId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Prompt_studyId_externalId_key" ON "Prompt"("studyId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Response_promptId_systemId_key" ON "Response"("promptId", "systemId");

-- CreateIndex
CREATE INDEX "Pair_studyId_idx" ON "Pair"("studyId");

-- CreateIndex
CREATE UNIQUE INDEX "Pair_targetResponseId_baselineResponseId_key" ON "Pair"("targetResponseId", "baselineResponseId");

-- CreateIndex
CREATE INDEX "Assignment_raterId_status_idx" ON "Assignment"("raterId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_pairId_raterId_key" ON "Assignment"("pairId", "raterId");

-- CreateIndex
CREATE UNIQUE INDEX "Judgment_assignmentId_key" ON "Judgment"("assignmentId");

-- CreateIndex
CREATE INDEX "Judgment_pairId_idx" ON "Judgment"("pairId");

-- CreateIndex
CREATE UNIQUE INDEX "Judgment_pairId_raterId_key" ON "Judgment"("pairId", "raterId");

-- AddForeignKey
ALTER TABLE "Study" ADD CONSTRAINT "Study_targetSystemId_fkey" FOREIGN KEY ("targetSystemId") REFERENCES "System"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Study" ADD CONSTRAINT "Study_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "System" ADD CONSTRAINT "System_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prompt" ADD CONSTRAINT "Prompt_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pair" ADD CONSTRAINT "Pair_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pair" ADD CONSTRAINT "Pair_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pair" ADD CONSTRAINT "Pair_targetResponseId_fkey" FOREIGN KEY ("targetResponseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pair" ADD CONSTRAINT "Pair_baselineResponseId_fkey" FOREIGN KEY ("baselineResponseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Pair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Pair"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
