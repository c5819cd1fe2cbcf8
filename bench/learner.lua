-- Simulated learners (and the reference apps' clients) for wrk.
--
-- Run with one connection per thread (wrk -t N -c N): each thread's Lua state then sees its
-- requests and responses strictly in turn, so it can follow a learner through a quiz, retry
-- what failed, and log what the server acknowledged.
--
-- wrk -t N -c N -d 20s -s learner.lua http://127.0.0.1:PORT -- MODE LOGDIR QUIZ QUESTIONS STATE
-- MODE: prime (start an attempt, read every question's form, save that to STATE/s<id>, then
--       idle on question 1), quiz-get (question pages) and quiz-post (answer saves) for the
--       primed learners, flow (start, answer all, submit, again), ref-get, ref-post (the
--       reference apps).
-- Each thread writes LOGDIR/t<id>.log:
--   R <ms> <type> <status> <latency us>   one line per response (status 0: socket error)
--   S <attempt> <position> <body>         an answer sent
--   A <attempt> <position> <body>         an answer acknowledged (redirect onwards)
--   T <attempt> / U <attempt>             an attempt started / handed in (acknowledged)

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *spec);
]]
local CLOCK_MONOTONIC = 1
local spec = ffi.new("bench_timespec")

local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, spec)
  return tonumber(spec.tv_sec) * 1000000 + math.floor(tonumber(spec.tv_nsec) / 1000)
end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

local mode, log, quiz, questions, state_path
local cookie, csrf, start_token, attempt, position, lap
local pending, retry, state, checking
local bodies = {}

local function unescape(s)
  s = s:gsub("&#(%d+);", function(n) return string.char(tonumber(n)) end)
  s = s:gsub("&quot;", '"'):gsub("&lt;", "<"):gsub("&gt;", ">"):gsub("&amp;", "&")
  return s
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

-- Two different valid answers to the question page's form, whatever its kind.
local function answer_bodies(html)
  local form = html:match('<form method="post" class="card question%-form".-</form>') or html
  local choices, typed = {}, nil
  for tag in form:gmatch('<input[^>]-name="answer"[^>]*>') do
    local kind = tag:match('type="(%a+)"')
    if kind == "radio" or kind == "checkbox" then
      choices[#choices + 1] = unescape(tag:match('value="([^"]*)"'))
    elseif tag:find('inputmode="decimal"', 1, true) then
      typed = "number"
    else
      typed = "text"
    end
  end
  local found = {}
  for v = 0, 1 do
    local fields = { "csrf_token=" .. urlencode(csrf) }
    if #choices > 0 then
      fields[#fields + 1] = "answer=" .. urlencode(choices[1 + v % #choices])
    elseif typed == "number" then
      fields[#fields + 1] = "answer=" .. (v + 1)
    elseif typed == "text" then
      fields[#fields + 1] = "answer=bench+answer+" .. v
    end
    for name, index, inner in form:gmatch('<select[^>]-name="((%a+)%-%d+)"[^>]*>(.-)</select>') do
      local i = tonumber(name:match("(%d+)$"))
      local options = {}
      for option in inner:gmatch('<option value="([^"]+)"') do options[#options + 1] = option end
      local pick = options[1 + (i + v) % #options]
      fields[#fields + 1] = name .. "=" .. urlencode(unescape(pick))
    end
    fields[#fields + 1] = "go=next"
    found[v] = table.concat(fields, "&")
  end
  return found
end

local function new_learner()
  cookie, csrf, attempt, position, lap = nil, nil, nil, 1, 0
  bodies = {}
  state = "quizpage"
end

-- Write what a primed learner needs: cookie, token, attempt, two answers to each question.
local function save_state()
  local out = io.open(state_path .. ".part", "w")
  out:write(cookie, "\n", csrf, "\n", attempt, "\n")
  for p = 1, questions do out:write(bodies[p][0], " ", bodies[p][1], "\n") end
  out:close()
  os.rename(state_path .. ".part", state_path)
end

local function load_state()
  local lines = {}
  for line in io.lines(state_path) do lines[#lines + 1] = line end
  cookie, csrf, attempt = lines[1], lines[2], lines[3]
  for p = 1, questions do
    local first, second = lines[3 + p]:match("^(%S+) (%S+)$")
    bodies[p] = { [0] = first, [1] = second }
  end
end

function init(args)
  mode, quiz, questions = args[1], args[3], tonumber(args[4])
  state_path = args[5] .. "/s" .. id
  log = io.open(args[2] .. "/t" .. id .. ".log", "w")
  math.randomseed(id * 7919)
  -- wrk calls request() once in its first thread before it connects, to check what the
  -- script returns (script_verify_request); that request is never sent.
  checking = id == 1
  new_learner()
  if mode == "ref-get" or mode == "ref-post" then state = mode end
  if mode == "quiz-get" or mode == "quiz-post" then
    load_state()
    state = mode == "quiz-get" and "browse" or "save"
  end
end

local function headers()
  local h = {}
  if cookie then h["Cookie"] = cookie end
  return h
end

local function form_headers()
  local h = headers()
  h["Content-Type"] = "application/x-www-form-urlencoded"
  return h
end

local function question_path()
  return "/attempt/" .. attempt .. "/q/" .. position
end

-- What to send next, as {type, request, body}.
local function next_request()
  if state == "ref-get" then
    return { "refpage", wrk.format("GET", "/items/" .. math.random(1, 1000)) }
  elseif state == "ref-post" then
    local body = "text=note+" .. math.random(1, 1000000)
    return { "refsave", wrk.format("POST", "/notes", form_headers(), body) }
  elseif state == "quizpage" then
    return { "quizpage", wrk.format("GET", "/quiz/" .. quiz, headers()) }
  elseif state == "start" then
    local body = "csrf_token=" .. urlencode(csrf) .. "&display_name=Learner+" .. id
      .. "&start_token=" .. start_token
    return { "start", wrk.format("POST", "/quiz/" .. quiz .. "/start", form_headers(), body) }
  elseif state == "submit" then
    local body = "csrf_token=" .. urlencode(csrf)
    return { "submit", wrk.format("POST", "/attempt/" .. attempt .. "/review", form_headers(), body) }
  elseif state == "question" or state == "browse" or state == "idle" then
    return { mode == "prime" and "prime" or "question",
             wrk.format("GET", question_path(), headers()) }
  end
  local body = bodies[position][lap % 2]
  log:write("S ", attempt, " ", position, " ", body, "\n")
  return { "save", wrk.format("POST", question_path(), form_headers(), body), body }
end

function request()
  if pending then
    if not pending.unsent then
      -- No response came back (a socket error): send the same request again.
      log:write("R ", math.floor(now_us() / 1000), " ", pending[1], " 0 0\n")
    end
    retry = pending
  end
  pending = retry or next_request()
  retry = nil
  pending.sent = now_us()
  pending.unsent = checking  -- wrk's check: the same request goes out next time
  checking = false
  return pending[2]
end

local function advance_position()
  if position < questions then
    position = position + 1
    return
  end
  position, lap = 1, lap + 1
  if mode == "flow" then state = "submit" end
end

-- Move the learner on after a successful response to `sent`.
local function handle(sent, status, h, body)
  local kind = sent[1]
  if kind == "quizpage" then
    csrf = body:match('name="csrf_token"[^>]-value="([^"]+)"')
    start_token = body:match('name="start_token"[^>]-value="([^"]+)"')
    state = "start"
  elseif kind == "start" then
    attempt = (h["Location"] or ""):match("/attempt/([%x%-]+)$")
    if not attempt then return false end
    log:write("T ", attempt, "\n")
    state = "question"
  elseif state == "idle" then
    return true
  elseif kind == "question" or kind == "prime" then
    if status ~= 200 then return false end
    if mode == "quiz-get" then
      advance_position()
    elseif mode == "prime" then
      bodies[position] = answer_bodies(body)
      if position == questions then
        save_state()
        position, state = 1, "idle"
      else
        position = position + 1
      end
    else
      bodies[position] = answer_bodies(body)
      state = "save"
    end
  elseif kind == "save" then
    local where = h["Location"] or ""
    if where:find("/result$") then return false end
    log:write("A ", attempt, " ", position, " ", sent[3], "\n")
    advance_position()
    if mode == "flow" and state ~= "submit" then state = "question" end
  elseif kind == "submit" then
    log:write("U ", attempt, "\n")
    new_learner()
  end
  return true
end

function response(status, h, body)
  local sent = pending
  pending = nil
  local latency = now_us() - sent.sent
  local c = h["Set-Cookie"]
  if c then cookie = c:match("^([^;]+)") end
  log:write("R ", math.floor(now_us() / 1000), " ", sent[1], " ", status, " ", latency, "\n")
  if status >= 500 or status == 429 then
    retry = sent  -- the server failed: the learner presses the button again
  elseif status < 400 then
    handle(sent, status, h, body)
  end
end

function done(summary, latency, requests)
end
