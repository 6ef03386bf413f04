-- Asks the holder of a conversation's lease to stop the turn it runs, for a Stop sent to another process. Recorded
-- only while the lease names that turn, under the lease's epoch, so that no later lease honours it; the holder finds
-- it with its next renewal, and sooner through the wake-up published here (pub/sub may lose it: the key stays).
-- KEYS: 1 lease, 2 stop. ARGV: 1 turn, 2 seen, 3 how long the request lives (ms), 4 wake-up channel, 5 conversation.
-- Returns {'OK'} (recorded), {'NONE'} (no lease runs that turn) or {'ALREADY'} (a stop of it was asked already).
local holder = redis.call('GET', KEYS[1])
if not holder then
  return {'NONE'}
end
local epoch, purpose, turn = string.match(holder, '^(%d+) (%u+) (%d+)$')
if purpose ~= 'TURN' or turn ~= ARGV[1] then
  return {'NONE'}
end
local asked = redis.call('GET', KEYS[2])
if asked and string.match(asked, '^%d+ %d+') == epoch .. ' ' .. turn then
  return {'ALREADY'}
end
redis.call('SET', KEYS[2], epoch .. ' ' .. turn .. ' ' .. ARGV[2], 'PX', ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[5])
return {'OK'}
