-- CreateEnum
CREATE TYPE "PairDesign" AS ENUM ('target_vs_baselines', 'all_pairs');

-- AlterTable
ALTER TABLE "Response" ADD COLUMN     "turns" JSONB;

-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "pairDesign" "PairDesign" NOT NULL DEFAULT 'target_vs_baselines',
ALTER COLUMN "createdById" DROP NOT NULL;
