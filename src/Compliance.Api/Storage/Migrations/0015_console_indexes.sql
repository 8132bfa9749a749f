-- The console's customer pages: a customer's cases in every state, and the newest customers first.
CREATE INDEX cases_by_customer ON cases (customer_id, opened_at);
CREATE INDEX customers_by_created ON customers (created_at DESC, id);
