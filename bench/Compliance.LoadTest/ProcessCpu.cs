using System.Globalization;

namespace Compliance.LoadTest;

/// <summary>
/// CPU time of named processes and their descendants (the service; PostgreSQL's postmaster and its
/// backends), read from /proc at the start and end of the measured window, so a run reports CPU
/// per request for each party sharing the machine.
/// </summary>
internal sealed class ProcessCpu(IReadOnlyDictionary<string, int> watched)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public Dictionary<string, double> Sample() => watched.ToDictionary(w => w.Key, w => SecondsOfTree(w.Value));

    private static double SecondsOfTree(int root)
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var text = File.ReadAllText(Path.Combine(directory, "stat"));

                // Fields after the command name (which may hold spaces) start after the last ')'.
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                long F(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);

                // state=0 ppid=1 ... utime=11 stime=12 cutime=13 cstime=14 (fields 3.. of proc(5), shifted by 3)
                stats[pid] = ((int)F(1), F(11) + F(12) + F(13) + F(14));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while being read.
            }
        }

        long total = 0;
        var tree = new HashSet<int> { root };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, (parent, _)) in stats)
            {
                if (tree.Contains(parent) && tree.Add(pid))
                {
                    grew = true;
                }
            }
        }
        while (grew);

        foreach (var pid in tree)
        {
            total += stats.TryGetValue(pid, out var s) ? s.Ticks : 0;
        }

        return total / TicksPerSecond;
    }
}
