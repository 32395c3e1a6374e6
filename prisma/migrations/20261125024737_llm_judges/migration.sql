-- CreateEnum
CREATE TYPE "JudgeRunStatus" AS ENUM ('running', 'cancelled', 'done', 'failed');

-- CreateTable
CREATE TABLE "Judge" (
    "id" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "baseUrl" TEXT,
    "model" TEXT,
    "apiKey" TEXT,
    "prompt" TEXT,
    "temperature" DOUBLE PRECISION,
    "topP" DOUBLE PRECISION,
    "maxTokens" INTEGER,
    "concurrency" INTEGER NOT NULL DEFAULT 4,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Judge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JudgeRun" (
    "id" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "status" "JudgeRunStatus" NOT NULL DEFAULT 'running',
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "JudgeRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JudgeVerdict" (
    "id" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "targetSide" "Side" NOT NULL,
    "choice" "Choice",
    "verdict" "Verdict",
    "problem" TEXT,
    "answer" TEXT,
    "runId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "promptTokens" INTEGER,
    "completionTokens" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JudgeVerdict_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Judge_studyId_name_key" ON "Judge"("studyId", "name");

-- CreateIndex
CREATE INDEX "JudgeRun_judgeId_status_idx" ON "JudgeRun"("judgeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "JudgeVerdict_judgeId_pairId_targetSide_key" ON "JudgeVerdict"("judgeId", "pairId", "targetSide");

-- AddForeignKey
ALTER TABLE "Judge" ADD CONSTRAINT "Judge_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Judge" ADD CONSTRAINT "Judge_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeRun" ADD CONSTRAINT "JudgeRun_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "Judge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeVerdict" ADD CONSTRAINT "JudgeVerdict_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "Judge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeVerdict" ADD CONSTRAINT "JudgeVerdict_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Pair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeVerdict" ADD CONSTRAINT "JudgeVerdict_runId_fkey" FOREIGN KEY ("runId") REFERENCES "JudgeRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A verdict row holds a choice read from the answer (and its verdict in the target's terms), or
-- the reason there is none.
ALTER TABLE "JudgeVerdict" ADD CONSTRAINT "JudgeVerdict_choice_or_problem" CHECK (
  ("choice" IS NOT NULL AND "verdict" IS NOT NULL AND "problem" IS NULL)
  OR ("choice" IS NULL AND "verdict" IS NULL AND "problem" IS NOT NULL)
);

-- A judge has an endpoint (all of it) or none (its verdicts were imported).
ALTER TABLE "Judge" ADD CONSTRAINT "Judge_endpoint_whole" CHECK (
  ("baseUrl" IS NULL) = ("model" IS NULL) AND ("baseUrl" IS NULL) = ("apiKey" IS NULL) AND ("baseUrl" IS NULL) = ("prompt" IS NULL)
);

-- One run of a judge at a time: starting another while one runs is refused by the database.
CREATE UNIQUE INDEX "JudgeRun_one_running" ON "JudgeRun"("judgeId") WHERE "status" = 'running';
