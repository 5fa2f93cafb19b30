-- The hidden database: the candidate's and the reference's queries run against a fresh copy.
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  placed_on TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  status TEXT NOT NULL
);
INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus'), (4, 'Barbara'),
  (5, 'Edsger'), (6, 'Margaret'), (7, 'Alan');
INSERT INTO orders VALUES
  (1, 1, '2026-01-05', 12000, 'paid'),
  (2, 2, '2026-01-17', 9000, 'paid'),
  (3, 3, '2026-01-30', 50000, 'refunded'),
  (4, 4, '2026-02-02', 7000, 'paid'),
  (5, 2, '2026-02-14', 3000, 'paid'),
  (6, 1, '2026-03-09', 4500, 'refunded'),
  (7, 5, '2026-03-21', 12000, 'paid'),
  (8, 4, '2026-04-01', 2500, 'refunded'),
  (9, 3, '2026-05-11', 1500, 'paid'),
  (10, 6, '2026-05-20', 800, 'refunded');
