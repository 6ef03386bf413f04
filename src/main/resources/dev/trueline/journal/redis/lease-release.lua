-- Gives a lease back: compare-and-delete, so a holder whose lease expired never deletes its successor's.
-- KEYS: 1 lease. ARGV: 1 epoch. Returns 1 when it deleted the lease.
local holder = redis.call('GET', KEYS[1])
if holder and string.match(holder, '^%d+') == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
