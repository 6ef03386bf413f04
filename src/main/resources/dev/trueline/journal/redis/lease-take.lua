-- Takes a conversation's lease if nobody holds it. KEYS: 1 lease, 2 epoch, 3 state. ARGV: 1 purpose, 2 lease time
-- (ms), 3 the retention ttl in ms ('' for none). Returns {'OK', epoch, open turn, its chunks} (the next fencing epoch,
-- and the turn the state still has open, 0 for none: nobody holds its lease, so its writer is gone) or
-- {'BUSY', holder}.
-- The epoch is the stored one plus 1, but never less than the server's clock in microseconds: epochs only grow, even
-- after the epoch key expired with the rest of the conversation (retention) or a failover lost its last increment, so
-- a holder paused past all that never finds its epoch handed out again (one lease take per microsecond at most: a
-- script takes longer than that).
local holder = redis.call('GET', KEYS[1])
if holder then
  return {'BUSY', holder}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local epoch = math.max(tonumber(redis.call('GET', KEYS[2]) or '0') + 1, now)
epoch = string.format('%d', epoch) -- a number this large would print in exponent notation
redis.call('SET', KEYS[2], epoch, 'KEEPTTL')
if ARGV[3] ~= '' then
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
redis.call('SET', KEYS[1], epoch .. ' ' .. ARGV[1] .. ' 0', 'NX', 'PX', ARGV[2])
local state = redis.call('HMGET', KEYS[3], 'open', 'turn', 'written')
if state[1] == '1' then
  return {'OK', tonumber(epoch), tonumber(state[2]), tonumber(state[3] or '0')}
end
return {'OK', tonumber(epoch), 0, 0}
