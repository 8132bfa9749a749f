using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.Checks;

/// <summary>
/// Stores checks in batches. The checks that arrive while a batch is in the database go together in
/// the next one: one transaction of two round trips (BEGIN, the customers' locks, each check's
/// look-up and velocity; then each decision and COMMIT), so one commit, one WAL flush and two round
/// trips serve them all instead of each. Under light load a batch is one check and nothing waits.
/// <para>
/// Limits stay exact as when each check had a transaction of its own: every customer's advisory lock
/// is taken before its facts are read and held until the commit that stores its decision, and a batch
/// holds no two checks of one customer from this instance (they wait for each other's turn first).
/// </para>
/// <para>
/// Checks never fail for their neighbours: a batch that a statement breaks (a transaction id sent for
/// two customers at once, a deadlock) is rolled back and its checks stored one by one, each as a
/// batch of one; a lost connection or the time budget fails the checks still waiting, and their
/// callers answer 503 (nothing of the batch committed; a retry with the same id is safe either way).
/// </para>
/// </summary>
internal sealed class CheckWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeSpan _caseJoinWindow;
    private readonly ComplianceMetrics _metrics;
    private readonly ILogger<CheckWriter> _logger;
    private readonly TimeSpan _timeout;
    private readonly int _maxBatch;
    private readonly Channel<PendingCheck> _queue = Channel.CreateUnbounded<PendingCheck>();
    private readonly Task[] _writers;

    public CheckWriter(
        NpgsqlDataSource dataSource, Cases.CaseRouting caseRouting, IOptions<CheckOptions> options, ComplianceMetrics metrics, ILogger<CheckWriter> logger)
    {
        _dataSource = dataSource;
        _caseJoinWindow = caseRouting.JoinWindow;
        _metrics = metrics;
        _logger = logger;
        _timeout = TimeSpan.FromMilliseconds(options.Value.TimeoutMilliseconds);
        _maxBatch = options.Value.MaxBatch;
        // Not in the context of whichever request first needed the writer: its span and log scope
        // would otherwise become every batch's.
        using (ExecutionContext.SuppressFlow())
        {
            _writers = [.. Enumerable.Range(0, options.Value.BatchWriters).Select(_ => Task.Run(WriteLoopAsync))];
        }

        metrics.ObserveCheckQueue(() => Waiting);
    }

    /// <summary>Checks waiting for a batch to take them.</summary>
    public int Waiting => _queue.Reader.Count;

    /// <summary>
    /// Decides and stores the check in the next batch. <paramref name="decide"/> runs with the
    /// customer locked and the facts read; the answer comes once the batch has committed.
    /// </summary>
    public Task<CheckResult> WriteAsync(CheckInput input, Func<FactsRead, ValueTask<Decided>> decide, CancellationToken cancellationToken)
    {
        var pending = new PendingCheck(input, decide, Activity.Current, Stopwatch.GetTimestamp() + (long)(_timeout.TotalSeconds * Stopwatch.Frequency), cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(CheckWriter), "The service is stopping.");
        }

        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingCheck>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Result.TrySetCanceled(pending.CancellationToken);
                    continue;
                }

                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await WriteBatchAsync(batch);
            }
            catch (Exception e)
            {
                // Whatever is still unanswered learns why; the loop goes on with the next batch.
                foreach (var pending in batch)
                {
                    pending.Result.TrySetException(e);
                }
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingCheck> batch)
    {
        _metrics.CheckBatch(batch.Count);
        using var activity = ComplianceTelemetry.Source.StartActivity(ActivityKind.Internal, batch[0].Parent?.Context ?? default,
            links: batch.Count > 1 ? [.. batch.Skip(1).Where(p => p.Parent is not null).Select(p => new ActivityLink(p.Parent!.Context))] : null,
            name: "checks.store");
        activity?.SetTag("checks.batch_size", batch.Count);
        // The batch lives as long as its most pressed check: when that caller gives up (503), the batch
        // is cancelled and rolled back, so a check answered 503 is stored only if its COMMIT was
        // already under way, as when each check had a transaction of its own.
        using var budget = new CancellationTokenSource(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), batch.Min(p => p.Deadline)) is var left && left > TimeSpan.Zero
            ? left : TimeSpan.FromMilliseconds(1));
        await using var connection = await _dataSource.OpenConnectionAsync(budget.Token);
        try
        {
            await StoreAsync(connection, batch, budget.Token);
        }
        // Only a statement's error leaves the connection usable for the retries: a FATAL one (the
        // server shutting down or gone, 57P01) breaks it, and the checks must then fail as unavailable
        // (503), not with the "connection is not open" of a retry on it.
        catch (PostgresException e) when (batch.Count > 1 && !budget.IsCancellationRequested && connection.State == System.Data.ConnectionState.Open)
        {
            await RollbackQuietlyAsync(connection);
            var waiting = batch.Where(p => !p.Result.Task.IsCompleted).ToList();
            CheckLog.BatchRetriedSingly(_logger, waiting.Count, e.SqlState);
            activity?.SetTag("checks.retried_singly", waiting.Count);
            foreach (var pending in waiting)
            {
                await StoreSinglyAsync(connection, pending, budget.Token);
            }
        }
        catch
        {
            await RollbackQuietlyAsync(connection);
            throw;
        }
    }

    private async Task StoreSinglyAsync(NpgsqlConnection connection, PendingCheck pending, CancellationToken cancellationToken)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            // Broken by an earlier retry of the batch: the database is gone, which the caller answers as 503.
            pending.Result.TrySetException(new NpgsqlException("The connection to the database was lost."));
            return;
        }

        try
        {
            await StoreAsync(connection, [pending], cancellationToken);
        }
        catch (Exception e)
        {
            await RollbackQuietlyAsync(connection);
            pending.Result.TrySetException(e);
        }
    }

    /// <summary>
    /// One transaction for <paramref name="batch"/>. Answers each check once its fate is known: a
    /// replay or conflict when read, a decision after COMMIT. Throws, with the transaction open, when
    /// a statement fails; the caller rolls back.
    /// </summary>
    private async Task StoreAsync(NpgsqlConnection connection, IReadOnlyList<PendingCheck> batch, CancellationToken cancellationToken)
    {
        var reads = await ReadFactsAsync(connection, batch, cancellationToken);

        // Decided in the order they arrived; stored in the order of their chains, so two batches
        // advance the heads they share in the same order and cannot deadlock on them.
        var records = new List<(PendingCheck Pending, Decided Decided, string Chain)>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (reads[i] is not { } facts)
            {
                continue;
            }

            var pending = batch[i];
            var previous = Activity.Current;
            try
            {
                Activity.Current = pending.Parent;
                records.Add((pending, await pending.Decide(facts), DecisionChain.For(pending.Input.CustomerId)));
            }
            catch (Exception e)
            {
                pending.Result.TrySetException(e);
            }
            finally
            {
                Activity.Current = previous;
            }
        }

        records.Sort((a, b) => string.CompareOrdinal(a.Chain, b.Chain));
        var stored = new int[records.Count];
        await using (var write = new NpgsqlBatch(connection))
        {
            foreach (var (pending, decided, chain) in records)
            {
                write.BatchCommands.Add(CheckStatements.Record(pending.Input, decided, chain, _caseJoinWindow));
            }

            write.BatchCommands.Add(CheckStatements.Plain(CheckStatements.Commit));
            await using var reader = await write.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < records.Count; i++)
            {
                if (i > 0)
                {
                    await reader.NextResultAsync(cancellationToken);
                }

                await reader.ReadAsync(cancellationToken);
                stored[i] = reader.GetInt32(0);
            }

            // Through the COMMIT: only a committed decision is answered.
            while (await reader.NextResultAsync(cancellationToken))
            {
            }
        }

        for (var i = 0; i < records.Count; i++)
        {
            var (pending, decided, _) = records[i];
            if (stored[i] == 1)
            {
                pending.Result.TrySetResult(CheckResult.Decided(decided.Response, decided.Decision));
            }
        }

        // A shard whose chain head is missing stored nothing for its checks: create it, and decide
        // them afresh (their facts may have changed since).
        for (var i = 0; i < records.Count; i++)
        {
            if (stored[i] == 0)
            {
                await StoreWithNewHeadAsync(connection, records[i].Pending, records[i].Chain, cancellationToken);
            }
        }
    }

    private async Task StoreWithNewHeadAsync(NpgsqlConnection connection, PendingCheck pending, string chain, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(CheckStatements.CreateHead,
            new { Chain = chain, Genesis = Storage.HashChain.Genesis.ToArray() }, cancellationToken: cancellationToken));
        await StoreSinglyAsync(connection, pending, cancellationToken);
        if (!pending.Result.Task.IsCompleted)
        {
            pending.Result.TrySetException(new InvalidOperationException($"the head of decision chain {chain} could not be created"));
        }
    }

    /// <summary>
    /// Round trip one: BEGIN, every customer's lock, then each check's look-up and velocity. In READ
    /// COMMITTED each statement takes its snapshot when it starts, after the locks are granted, so the
    /// facts include every check of these customers committed before. Replays and conflicts are
    /// answered here (what they read is committed); their entry is null.
    /// </summary>
    private static async Task<FactsRead?[]> ReadFactsAsync(NpgsqlConnection connection, IReadOnlyList<PendingCheck> batch, CancellationToken cancellationToken)
    {
        var reads = new FactsRead?[batch.Count];
        await using var read = new NpgsqlBatch(connection);
        read.BatchCommands.Add(CheckStatements.Plain(CheckStatements.Begin));
        read.BatchCommands.Add(CheckStatements.LockCustomers([.. batch.Select(p => CheckStore.LockKey(p.Input.CustomerId)).Distinct().Order()]));
        foreach (var pending in batch)
        {
            read.BatchCommands.Add(CheckStatements.Lookup(pending.Input));
            read.BatchCommands.Add(CheckStatements.Velocity(pending.Input));
        }

        // Disposed asynchronously: a synchronous dispose may block a pool thread reading the end of the batch.
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // The locks' (void) rows.
        }

        for (var i = 0; i < batch.Count; i++)
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var lookup = reader.GetRowParser<CheckLookupRow>()(reader);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var velocity = reader.GetRowParser<VelocityFacts>()(reader);

            var pending = batch[i];
            if (lookup is { RequestHash: { } storedHash, Response: { } storedResponse })
            {
                pending.Result.TrySetResult(CryptographicOperations.FixedTimeEquals(storedHash, pending.Input.RequestHash)
                    ? CheckResult.Replay(storedResponse)
                    : CheckResult.Conflict());
                continue;
            }

            reads[i] = new FactsRead(lookup.CustomerKnown ? lookup : null, velocity, lookup.CounterpartySeenBefore);
        }

        return reads;
    }

    private static async Task RollbackQuietlyAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await connection.ExecuteAsync(CheckStatements.Rollback);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A broken connection is not returned to the pool; nothing more to do.
        }
    }

    /// <summary>Stops taking checks and lets the writers finish the ones they hold.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    /// <summary>A check waiting for, or in, a batch; <see cref="Parent"/> is its request's span.</summary>
    private sealed class PendingCheck(
        CheckInput input, Func<FactsRead, ValueTask<Decided>> decide, Activity? parent, long deadline, CancellationToken cancellationToken)
    {
        public CheckInput Input { get; } = input;

        public Func<FactsRead, ValueTask<Decided>> Decide { get; } = decide;

        public Activity? Parent { get; } = parent;

        /// <summary>When its caller stops waiting (a <see cref="Stopwatch"/> timestamp).</summary>
        public long Deadline { get; } = deadline;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<CheckResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
