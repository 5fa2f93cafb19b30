-- Write your query here.
SELECT NULL;
