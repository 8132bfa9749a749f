using System.Collections.Frozen;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Compliance.Api.Storage;

/// <summary>
/// A statement written with <c>@Name</c> parameters, rewritten once, when it is declared, to
/// PostgreSQL's <c>$1</c>, <c>$2</c>… (a name used twice keeps one number). Npgsql sends a statement
/// with positional parameters as it is; with named ones it parses and rewrites the text on every
/// execution, which was 6% of the service's CPU per check at saturation (perf, bench/load/RESULTS.md).
/// The names stay in the source, where they are readable, and are checked when a command is built.
/// </summary>
internal sealed class PositionalStatement
{
    private readonly FrozenDictionary<string, int> _positions;

    private PositionalStatement(string text, FrozenDictionary<string, int> positions)
    {
        Text = text;
        _positions = positions;
    }

    /// <summary>The statement as sent, with <c>$n</c> placeholders.</summary>
    public string Text { get; }

    /// <summary>The parameter names in the order of their numbers.</summary>
    public IReadOnlyList<string> Names => [.. _positions.OrderBy(p => p.Value).Select(p => p.Key)];

    /// <summary>
    /// Rewrites <paramref name="sql"/>. Text in quotes ('…', "…") and comments is left alone; a
    /// dollar-quoted string is refused rather than misread, since none of our statements needs one.
    /// </summary>
    public static PositionalStatement Parse(string sql)
    {
        var text = new StringBuilder(sql.Length);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                var end = sql.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new ArgumentException($"unterminated {c} at offset {i}", nameof(sql));
                }

                // A doubled quote inside is two quoted runs back to back, copied the same way.
                text.Append(sql, i, end - i + 1);
                i = end + 1;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
                text.Append(sql, i, end - i);
                i = end;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new ArgumentException($"unterminated comment at offset {i}", nameof(sql));
                }

                text.Append(sql, i, end + 2 - i);
                i = end + 2;
            }
            else if (c == '$' && i + 1 < sql.Length && (sql[i + 1] == '$' || char.IsAsciiLetter(sql[i + 1]) || sql[i + 1] == '_'))
            {
                throw new ArgumentException($"dollar quoting at offset {i} is not supported here", nameof(sql));
            }
            else if (c == '$' && i + 1 < sql.Length && char.IsAsciiDigit(sql[i + 1]))
            {
                throw new ArgumentException($"positional parameter at offset {i}: write @Name instead", nameof(sql));
            }
            else if (c == '@' && i + 1 < sql.Length && (char.IsAsciiLetter(sql[i + 1]) || sql[i + 1] == '_'))
            {
                var end = i + 1;
                while (end < sql.Length && (char.IsAsciiLetterOrDigit(sql[end]) || sql[end] == '_'))
                {
                    end++;
                }

                var name = sql[(i + 1)..end];
                if (!positions.TryGetValue(name, out var position))
                {
                    position = positions.Count + 1;
                    positions.Add(name, position);
                }

                text.Append('$').Append(position);
                i = end;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        return new PositionalStatement(text.ToString(), positions.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Starts a command of this statement; every parameter must be bound before <see cref="Binder.Command"/>.</summary>
    public Binder Bind() => new(this);

    /// <summary>Collects a command's parameter values by name, typed (not inferred, so that a null travels as the column's type).</summary>
    public readonly struct Binder
    {
        private readonly PositionalStatement _statement;
        private readonly NpgsqlParameter?[] _parameters;

        internal Binder(PositionalStatement statement)
        {
            _statement = statement;
            _parameters = new NpgsqlParameter?[statement._positions.Count];
        }

        public Binder Set(string name, object? value, NpgsqlDbType type)
        {
            if (!_statement._positions.TryGetValue(name, out var position))
            {
                throw new ArgumentException($"the statement has no parameter @{name}", nameof(name));
            }

            _parameters[position - 1] = new NpgsqlParameter { NpgsqlDbType = type, Value = value ?? DBNull.Value };
            return this;
        }

        /// <summary>The batch command, its parameters in the order of their numbers.</summary>
        public NpgsqlBatchCommand Command()
        {
            var command = new NpgsqlBatchCommand(_statement.Text);
            for (var i = 0; i < _parameters.Length; i++)
            {
                command.Parameters.Add(_parameters[i] ?? throw new InvalidOperationException($"parameter @{_statement.Names[i]} is not bound"));
            }

            return command;
        }
    }
}
