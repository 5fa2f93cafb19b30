SELECT substr(placed_on, 1, 7) AS month, SUM(amount_cents) AS revenue_cents
FROM orders
WHERE status = 'paid'
GROUP BY month
ORDER BY month;
