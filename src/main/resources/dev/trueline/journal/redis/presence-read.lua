-- The writer of a turn asks who follows it from other processes: how many presences have not expired (Redis time,
-- so no two processes' clocks are compared), and the furthest chunk any of them was handed.
-- KEYS[1] the turn's followers (sorted set, scored by expiry), KEYS[2] the furthest chunk delivered.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return {redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf'), tonumber(redis.call('GET', KEYS[2]) or '0')}
