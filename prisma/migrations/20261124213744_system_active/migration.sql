-- AlterTable
ALTER TABLE "System" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true;
-- AlterTable
ALTER TABLE "Pair" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true;
