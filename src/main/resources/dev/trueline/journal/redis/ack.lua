-- Records that the replicas confirmed entries up to n (WAIT), for followers that read only confirmed records.
-- KEYS: 1 state. ARGV: 1 n. Never moves back, and never recreates the state of a conversation deleted meanwhile.
local n = tonumber(ARGV[1])
if tonumber(redis.call('HGET', KEYS[1], 'n') or '0') >= n
    and tonumber(redis.call('HGET', KEYS[1], 'acked') or '0') < n then
  redis.call('HSET', KEYS[1], 'acked', n)
end
return 1
