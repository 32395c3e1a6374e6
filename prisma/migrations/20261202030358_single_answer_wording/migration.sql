-- Studies of single answers made before each kind had its own words were given the pairwise
-- study's: raters of one answer were told to choose between Answer A and Answer B. Where a study
-- still holds those defaults untouched, it gets its own kind's (what a new study gets now).
UPDATE "Study" SET "raterTitle" = 'Label an answer' WHERE kind = 'absolute' AND "raterTitle" = 'Compare two answers';
UPDATE "Study" SET instructions = 'Imagine that you have a very capable AI assistant and you need help with the question below.

You will see the question and one answer. Label the answer:

- **Fail**: it does not meet the requirements of the question
- **Pass**: it meets the requirements of the question
- **Excellent**: it is an excellent answer to the question

Judge the answer on its own merits. You are not told which assistant wrote which answer.' WHERE kind = 'absolute' AND instructions = 'Imagine that you have a very capable AI assistant and you need help with the question below.

You will see the question and two answers, **A** and **B**. Read both, then choose which answer best satisfies your needs:

- **Answer A is significantly better**
- **Answer B is significantly better**
- **Neither is significantly better**

Judge the answers on their own merits. You are not told which assistant wrote which answer.';
UPDATE "Study" SET "raterTitle" = 'Rate an answer''s helpfulness' WHERE kind = 'likert' AND "raterTitle" = 'Compare two answers';
UPDATE "Study" SET instructions = 'Imagine that you have a very capable AI assistant and you need help with the question below.

You will see the question and one answer. Rate how helpful the answer is to you, from **1 (not helpful)** to **6 (highly helpful)**.

Judge the answer on its own merits. You are not told which assistant wrote which answer.' WHERE kind = 'likert' AND instructions = 'Imagine that you have a very capable AI assistant and you need help with the question below.

You will see the question and two answers, **A** and **B**. Read both, then choose which answer best satisfies your needs:

- **Answer A is significantly better**
- **Answer B is significantly better**
- **Neither is significantly better**

Judge the answers on their own merits. You are not told which assistant wrote which answer.';
UPDATE "Study" SET "raterTitle" = 'Label a conversation''s turns' WHERE kind = 'multiturn' AND "raterTitle" = 'Compare two answers';
UPDATE "Study" SET instructions = 'You will see a conversation between a person and an AI assistant. Label every assistant turn, reading it as the person would, after the turns before it:

- **Fail**: it does not meet the requirements of the person''s request
- **Pass**: it meets the requirements of the request
- **Excellent**: it is an excellent reply

You are not told which assistant wrote which answer.' WHERE kind = 'multiturn' AND instructions = 'Imagine that you have a very capable AI assistant and you need help with the question below.

You will see the question and two answers, **A** and **B**. Read both, then choose which answer best satisfies your needs:

- **Answer A is significantly better**
- **Answer B is significantly better**
- **Neither is significantly better**

Judge the answers on their own merits. You are not told which assistant wrote which answer.';
