-- AlterTable
ALTER TABLE "System" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true;
