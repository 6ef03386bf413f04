-- Appends records to a conversation's stream in order, each atomically with the checks of I2 and I3 and its fencing
-- epoch: the records a conversation queued while its last call was in flight go in one call. It stops at the first
-- record refused, which wrote nothing; the records after it are not looked at (their writer sends them again).
-- KEYS: 1 log (stream), 2 state (hash), 3 lease, 4 epoch
-- ARGV: 1 the header line to write first when the conversation is new, 2 '1' once the conversation is in the index,
--       3 the retention ttl in ms ('' for none: see retention.lua), then six per record: its writer's epoch ('0': no
--       lease), kind (header|user|chunk|detached|terminal|other), turn, seq, the chunk count an accounted record was
--       encoded with ('' when it is not one), the record's line.
-- A terminal record also deletes the lease that runs its turn.
-- Returns one reply per record looked at, in order: {'OK', n} (the record is entry n, id 0-n) for each written, then
-- at most one refusal: {'BUSY', holder}, {'FENCED', holder}, {'NEW'} (put it in the index, then send it again),
-- {'HEADER'}, {'CLOSED', open turn or 0}, {'SEQ', written}, {'STALE', written}.
local function append(epoch, kind, turn, seq, expected, line)
  local refused = fence(KEYS[3], epoch)
  if refused then
    return refused
  end
  local n = tonumber(redis.call('HGET', KEYS[2], 'n') or '0')
  if n == 0 then
    if ARGV[2] ~= '1' then
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
    if kind == 'chunk' and seq ~= written + 1 then
      return {'SEQ', written} -- I2: seq runs 1..n
    end
    if expected ~= '' and tonumber(expected) ~= written then
      return {'STALE', written}
    end
  end
  if n == 0 and kind ~= 'header' then
    n = 1
    redis.call('XADD', KEYS[1], '0-1', 'r', ARGV[1])
  end
  n = n + 1
  if kind == 'header' then
    n = 1
  end
  redis.call('XADD', KEYS[1], '0-' .. n, 'r', line)
  if kind == 'user' then
    redis.call('HSET', KEYS[2], 'turn', turn, 'open', 1, 'written', 0, 'p:' .. turn, n)
  elseif kind == 'chunk' then
    redis.call('HSET', KEYS[2], 'written', written + 1)
  elseif kind == 'terminal' then
    redis.call('HSET', KEYS[2], 'open', 0)
    -- The lease that runs this turn ends with its terminal record, in this same step: whoever is handed the end (on
    -- this replica or another) can start the next turn at once, never to be refused by a lease about to be released.
    -- A lease that runs another turn (one taken for a new turn, which heals a dead writer's first) is kept.
    if epoch ~= '0' then
      local _, _, named = string.find(redis.call('GET', KEYS[3]), '^%d+ %S+ (%d+)$')
      if tonumber(named) == turn then
        redis.call('DEL', KEYS[3])
      end
    end
  end
  redis.call('HSET', KEYS[2], 'n', n)
  return {'OK', n}
end

local replies = {}
for i = 4, #ARGV, 6 do
  local reply = append(ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3]), ARGV[i + 4], ARGV[i + 5])
  replies[#replies + 1] = reply
  if reply[1] ~= 'OK' then
    break
  end
end
if replies[1][1] == 'OK' then
  retain(KEYS[1], KEYS[2], KEYS[4], ARGV[3])
end
return replies
