-- Decision chain heads are advanced in the statement that inserts the decision (CheckStore), which
-- needs the previous hash back: prev_hash keeps it. The 256 decision shards' heads are created here
-- rather than on a check's path.
ALTER TABLE chain_heads ADD COLUMN prev_hash bytea NULL;

INSERT INTO chain_heads (chain, seq, hash)
SELECT 'decisions-' || n, 0, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea
FROM generate_series(0, 255) AS n
ON CONFLICT (chain) DO NOTHING;
