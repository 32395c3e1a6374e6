-- Gold pairs are handed to every rater, so their held counts grow past every ordinary pair's and
-- a walk of "Pair_studyId_heldCount_shuffleKey_idx" for a gold pair would pass over the whole
-- study first. Finding a gold candidate walks the gold pairs alone.
CREATE INDEX "Pair_gold_walk" ON "Pair"("studyId", "heldCount", "shuffleKey") WHERE "goldVerdict" IS NOT NULL;
