-- Appends one record to a conversation's stream, atomically with the checks of I2 and I3 and the fencing epoch.
-- KEYS: 1 log (stream), 2 state (hash), 3 lease, 4 epoch
-- ARGV: 1 epoch ('0': no lease), 2 kind (header|user|chunk|detached|terminal|other), 3 turn, 4 seq,
--       5 the chunk count an accounted record was encoded with ('' when it is not one), 6 the record's line,
--       7 the header line to write first when the conversation is new, 8 '1' once the conversation is in the index,
--       9 the retention ttl in ms ('' for none: see retention.lua)
-- A terminal record also deletes the lease that runs its turn.
-- Returns {'OK', n} (the record is entry n, id 0-n) or a refusal: {'BUSY', holder}, {'FENCED', holder}, {'NEW'}
-- (put it in the index, then retry), {'HEADER'}, {'CLOSED', open turn or 0}, {'SEQ', written}, {'STALE', written}.
local refused = fence(KEYS[3], ARGV[1])
if refused then
  return refused
end
local kind = ARGV[2]
local turn = tonumber(ARGV[3])
local n = tonumber(redis.call('HGET', KEYS[2], 'n') or '0')
if n == 0 then
  if ARGV[8] ~= '1' then
    return {'NEW'}
  end
elseif kind == 'header' then
  return {'HEADER'}
end
local open = redis.call('HGET', KEYS[2], 'open') == '1'
local open_turn = tonumber(redis.call('HGET', KEYS[2], 'turn') or '0')
local written = tonumber(redis.call('HGET', KEYS[2], 'written') or '0')
if kind == 'chunk' or kind == 'detached' or kind == 'terminal' then
  if not open or open_turn ~= turn then
    -- I3: nothing of a turn after its terminal record, nothing of a turn that is not the open one
    return {'CLOSED', open and open_turn or 0}
  end
  if kind == 'chunk' and tonumber(ARGV[4]) ~= written + 1 then
    return {'SEQ', written} -- I2: seq runs 1..n
  end
  if ARGV[5] ~= '' and tonumber(ARGV[5]) ~= written then
    return {'STALE', written}
  end
end
if n == 0 and kind ~= 'header' then
  n = 1
  redis.call('XADD', KEYS[1], '0-1', 'r', ARGV[7])
end
n = n + 1
if kind == 'header' then
  n = 1
end
redis.call('XADD', KEYS[1], '0-' .. n, 'r', ARGV[6])
if kind == 'user' then
  redis.call('HSET', KEYS[2], 'turn', turn, 'open', 1, 'written', 0, 'p:' .. turn, n)
elseif kind == 'chunk' then
  redis.call('HSET', KEYS[2], 'written', written + 1)
elseif kind == 'terminal' then
  redis.call('HSET', KEYS[2], 'open', 0)
  -- The lease that runs this turn ends with its terminal record, in this same step: whoever is handed the end (on
  -- this replica or another) can start the next turn at once, never to be refused by a lease about to be released.
  -- A lease that runs another turn (one taken for a new turn, which heals a dead writer's first) is kept.
  if ARGV[1] ~= '0' then
    local _, _, named = string.find(redis.call('GET', KEYS[3]), '^%d+ %S+ (%d+)$')
    if tonumber(named) == turn then
      redis.call('DEL', KEYS[3])
    end
  end
end
redis.call('HSET', KEYS[2], 'n', n)
retain(KEYS[1], KEYS[2], KEYS[4], ARGV[9])
return {'OK', n}
