#!/usr/bin/python3
"""One configuration of bench/compare-peers, run inside its own network namespace.

    run_one.py CONFIG SECONDS REPO

CONFIG is vantage-0, vantage-1, vantage-10 (WebSocket clients), vantage-snapshot, btop,
glances, netdata or floor, with "+500" for 500 extra sleeping processes. It brings up lo, forks
the extra processes if asked, starts the monitor and its client or poller, waits for the warm-up,
measures SECONDS of the monitor's process tree and prints one JSON line: cpu_s (utime + stime of
every process in the tree, children reaped meanwhile included), rss_mib and pss_mib at the end
(summed over the tree), aside_cpu_s (the clients, pollers and tmux, not part of the monitor),
pids, and sockets (held by the monitor at the end, so connected clients show). A monitor that
cannot run here prints {"missing": "why"}. Everything it starts is stopped by PID before it
exits.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

HZ = os.sysconf("SC_CLK_TCK")
START_TIMEOUT = 60  # seconds for a monitor to answer on its port


class Missing(Exception):
    pass


def stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    # The name may hold spaces and parentheses: the fields start after the last ')'.
    return text[text.rindex(")") + 2:].split()


def all_parents():
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                parents[int(name)] = int(stat_fields(name)[1])
            except (OSError, ValueError):
                pass
    return parents


def tree(root):
    parents = all_parents()
    members, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in members:
                members.add(pid)
                frontier.append(pid)
    return members


def cpu_ticks(pids):
    """utime + stime + cutime + cstime: a child that exits in the window is reaped into its
    parent's cutime/cstime, so the sum over the tree at each end still counts it."""
    total = 0
    for pid in pids:
        try:
            fields = stat_fields(pid)
            total += sum(int(fields[i]) for i in (11, 12, 13, 14))
        except (OSError, ValueError, IndexError):
            pass
    return total


def memory_kib(pids):
    rss = pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except (OSError, ValueError):
            pass
    return rss, pss


def sockets(pid):
    """Sockets the monitor holds: shows that the clients were connected through the window."""
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            count += os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")
        except OSError:
            pass
    return count


def extra_children(count):
    """Forks COUNT children that sleep in read() on a pipe only this process can write: they
    all exit when it does, even if it is killed (as bench/extrachildren.cpp)."""
    read_end, write_end = os.pipe()
    for _ in range(count):
        if os.fork() == 0:
            os.close(write_end)
            try:
                while os.read(read_end, 1):
                    pass
            finally:
                os._exit(0)
    os.close(read_end)
    return write_end


def wait_http(url, process, timeout=START_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise Missing(f"exited with status {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                answer.read()
                return
        except OSError:
            time.sleep(0.5)
    raise Missing(f"no answer from {url} within {timeout} s")


def poll_forever(url):
    """The 1 Hz poller (a process of its own so that its CPU is counted apart)."""
    next_at = time.monotonic()
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                answer.read()
        except OSError:
            pass
        next_at += 1.0
        time.sleep(max(0.0, next_at - time.monotonic()))


class Run:
    def __init__(self, repo, seconds):
        self.repo = repo
        self.seconds = seconds
        self.work = tempfile.mkdtemp(prefix="compare-peers.")
        self.env = dict(os.environ, HOME=self.work, XDG_CONFIG_HOME=f"{self.work}/config",
                        XDG_DATA_HOME=f"{self.work}/data", XDG_STATE_HOME=f"{self.work}/state",
                        XDG_CACHE_HOME=f"{self.work}/cache", DO_NOT_TRACK="1")
        self.processes = []  # (Popen, counted aside)
        self.monitor = None
        self.aside_roots = []
        self.warmup = 10
        self.tmux = None

    def spawn(self, argv, aside, **kwargs):
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        process = subprocess.Popen(argv, env=self.env, cwd=self.work, **kwargs)
        self.processes.append(process)
        if aside:
            self.aside_roots.append(process.pid)
        return process

    def poller(self, url):
        self.spawn([sys.executable, __file__, "--poll", url], aside=True)

    def start_vantage(self, clients, snapshot):
        binary = os.environ["VANTAGE"]
        out = open(f"{self.work}/vantage.out", "w+")
        self.monitor = self.spawn([binary, "--headless", "--port", "0", "--interval", "1",
                                   "--config", f"{self.work}/v.conf"], aside=False, stdout=out)
        port = None
        deadline = time.monotonic() + START_TIMEOUT
        prefix = "Serving dashboard at http://127.0.0.1:"
        while port is None and time.monotonic() < deadline:
            if self.monitor.poll() is not None:
                raise Missing(f"vantage exited with status {self.monitor.returncode}")
            out.seek(0)
            for line in out:
                if line.startswith(prefix):
                    port = line[len(prefix):].strip().rstrip("/")
            time.sleep(0.1)
        if port is None:
            raise Missing("vantage did not say its port")
        if clients:
            loadgen = f"{self.repo}/build/release/bench/loadgen/vantage_loadgen"
            self.spawn([loadgen, "--url", f"ws://127.0.0.1:{port}/ws", "--clients", str(clients),
                        "--seconds", str(self.seconds + self.warmup + 30), "--warmup", "1",
                        "--server-pid", str(self.monitor.pid)], aside=True)
        if snapshot:
            wait_http(f"http://127.0.0.1:{port}/api/v1/snapshot", self.monitor)
            self.poller(f"http://127.0.0.1:{port}/api/v1/snapshot")

    def start_floor(self):
        self.monitor = self.spawn([f"{self.repo}/build/release/bench/floor/vantage_floor"],
                                  aside=False)

    def start_btop(self):
        os.makedirs(f"{self.work}/config/btop")
        with open(f"{self.work}/config/btop/btop.conf", "w") as f:
            f.write("update_ms = 1000\n")
        socket = f"{self.work}/tmux.sock"
        subprocess.run(["tmux", "-S", socket, "new-session", "-d", "-x", "200", "-y", "50",
                        "btop"], env=self.env, cwd=self.work, check=True, timeout=20)
        self.tmux = socket
        pane = subprocess.run(["tmux", "-S", socket, "display-message", "-p", "#{pane_pid}"],
                              env=self.env, capture_output=True, text=True, timeout=20)
        server = subprocess.run(["tmux", "-S", socket, "display-message", "-p", "#{pid}"],
                                env=self.env, capture_output=True, text=True, timeout=20)
        self.monitor_pid = int(pane.stdout.strip())
        self.aside_roots.append(int(server.stdout.strip()))
        time.sleep(2)
        try:
            with open(f"/proc/{self.monitor_pid}/comm") as f:
                running = f.read().strip()
        except OSError:
            running = "nothing"
        if running != "btop":
            raise Missing(f"tmux runs {running}, not btop")

    def start_glances(self):
        port = 61208
        self.monitor = self.spawn(["glances", "-w", "--bind", "127.0.0.1", "--port", str(port),
                                   "-t", "1", "--disable-autodiscover"], aside=False)
        wait_http(f"http://127.0.0.1:{port}/api/3/all", self.monitor)
        self.poller(f"http://127.0.0.1:{port}/api/3/all")

    def start_netdata(self):
        port = 19999
        for sub in ("config", "cache", "lib", "log", "run"):
            os.makedirs(f"{self.work}/netdata/{sub}")
        os.makedirs(f"{self.work}/netdata/config/cloud.d")
        with open(f"{self.work}/netdata/config/cloud.d/cloud.conf", "w") as f:
            f.write("[global]\n\tenabled = no\n")
        conf = f"{self.work}/netdata/config/netdata.conf"
        with open(conf, "w") as f:
            f.write(f"""[global]
\trun as user = root
\thostname = compare-peers
[db]
\tupdate every = 1
\tmode = ram
[directories]
\tconfig = {self.work}/netdata/config
\tcache = {self.work}/netdata/cache
\tlib = {self.work}/netdata/lib
\tlog = {self.work}/netdata/log
\trun = {self.work}/netdata/run
[logs]
\tdebug = {self.work}/netdata/log/debug.log
\terror = {self.work}/netdata/log/error.log
\taccess = none
[web]
\tbind to = 127.0.0.1:{port}
[registry]
\tenabled = no
[cloud]
\tenabled = no
""")
        self.monitor = self.spawn(["netdata", "-D", "-c", conf, "-u", "root"], aside=False)
        wait_http(f"http://127.0.0.1:{port}/api/v1/info", self.monitor)
        url = f"http://127.0.0.1:{port}/api/v1/data?chart=system.cpu&after=-1&format=json"
        self.poller(url)
        self.warmup = 30

    def measure(self, root):
        time.sleep(self.warmup)
        members = tree(root)
        aside = set().union(*(tree(pid) for pid in self.aside_roots)) if self.aside_roots else set()
        cpu0, aside0 = cpu_ticks(members), cpu_ticks(aside)
        t0 = time.monotonic()
        time.sleep(self.seconds)
        members |= tree(root)
        aside |= set().union(*(tree(pid) for pid in self.aside_roots)) if self.aside_roots else set()
        cpu1, aside1 = cpu_ticks(members), cpu_ticks(aside)
        wall = time.monotonic() - t0
        end = tree(root)
        rss, pss = memory_kib(end)
        if not os.path.exists(f"/proc/{root}"):
            raise Missing("exited during the window")
        return {"cpu_s": (cpu1 - cpu0) / HZ, "wall_s": wall, "rss_mib": rss / 1024,
                "pss_mib": pss / 1024, "aside_cpu_s": (aside1 - aside0) / HZ, "pids": len(end),
                "sockets": sockets(root)}

    def stop(self):
        if self.tmux:
            subprocess.run(["tmux", "-S", self.tmux, "kill-server"], timeout=20,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        everything = set()
        for process in self.processes:
            everything |= tree(process.pid)
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        for pid in everything:  # helpers a monitor left behind (netdata's plugins)
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        shutil.rmtree(self.work, ignore_errors=True)


def main():
    if sys.argv[1:2] == ["--poll"]:
        poll_forever(sys.argv[2])
        return 0
    config, seconds, repo = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    name, _, extra = config.partition("+")
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True, timeout=20)
    children_fd = extra_children(int(extra)) if extra else None
    run = Run(repo, seconds)
    result = {"config": config}
    try:
        if name == "floor":
            run.start_floor()
        elif name == "btop":
            run.start_btop()
        elif name == "glances":
            run.start_glances()
        elif name == "netdata":
            run.start_netdata()
        elif name == "vantage-snapshot":
            run.start_vantage(0, True)
        elif name.startswith("vantage-"):
            run.start_vantage(int(name.split("-")[1]), False)
        else:
            raise Missing(f"unknown configuration {name}")
        root = run.monitor_pid if name == "btop" else run.monitor.pid
        result.update(run.measure(root))
    except (Missing, OSError, subprocess.SubprocessError) as error:
        result["missing"] = str(error)
    finally:
        run.stop()
        if children_fd is not None:
            os.close(children_fd)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
