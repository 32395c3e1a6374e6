-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "quotaPerRater" INTEGER;
