-- CreateTable
CREATE TABLE "JudgmentDay" (
    "studyId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "judgments" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "JudgmentDay_pkey" PRIMARY KEY ("studyId","raterId","day")
);

-- AddForeignKey
ALTER TABLE "JudgmentDay" ADD CONSTRAINT "JudgmentDay_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgmentDay" ADD CONSTRAINT "JudgmentDay_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Keep the judgments per study, rater and day in the transaction that writes a judgment, so the
-- results page's daily chart does not read every judgment. Every judgment counts here; gold pairs
-- and excluded raters are left out when the chart is read (a pair may become gold, a rater be
-- excluded, after the fact).
CREATE FUNCTION judgment_day_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."pairId" = NEW."pairId" AND OLD."raterId" = NEW."raterId"
     AND OLD."createdAt"::date = NEW."createdAt"::date THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    UPDATE "JudgmentDay" d SET judgments = d.judgments - 1
      FROM "Pair" p
     WHERE p.id = OLD."pairId" AND d."studyId" = p."studyId" AND d."raterId" = OLD."raterId" AND d.day = OLD."createdAt"::date;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "JudgmentDay" ("studyId", "raterId", day, judgments)
    SELECT p."studyId", NEW."raterId", NEW."createdAt"::date, 1 FROM "Pair" p WHERE p.id = NEW."pairId"
    ON CONFLICT ("studyId", "raterId", day) DO UPDATE SET judgments = "JudgmentDay".judgments + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Judgment_judgment_day_counts"
AFTER INSERT OR DELETE OR UPDATE OF "pairId", "raterId", "createdAt" ON "Judgment"
FOR EACH ROW EXECUTE FUNCTION judgment_day_counts();

INSERT INTO "JudgmentDay" ("studyId", "raterId", day, judgments)
SELECT p."studyId", j."raterId", j."createdAt"::date, count(*)::int
  FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
 GROUP BY 1, 2, 3;
