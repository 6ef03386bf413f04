-- A follower of a turn written by another process says it is there (ARGV[2] > 0: for that many milliseconds of
-- Redis time) or that it left (ARGV[2] = 0), and how far it got: the furthest of all of them is kept.
-- KEYS[1] the turn's followers (sorted set, scored by expiry), KEYS[2] the furthest chunk delivered.
-- ARGV[1] the follower's id, ARGV[2] how long it is present, ARGV[3] its last chunk handed, ARGV[4] how long the
-- keys live after the last word of any follower.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[2])
if ttl > 0 then
  redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
end
local delivered = tonumber(ARGV[3])
local before = tonumber(redis.call('GET', KEYS[2]) or '0')
if delivered > before then
  redis.call('SET', KEYS[2], delivered)
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1
