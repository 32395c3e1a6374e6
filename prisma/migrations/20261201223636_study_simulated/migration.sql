-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "simulated" BOOLEAN NOT NULL DEFAULT false;
