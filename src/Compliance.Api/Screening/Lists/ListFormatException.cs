namespace Compliance.Api.Screening.Lists;

/// <summary>A list file that cannot be imported, with where it went wrong (file and line, or element and line).</summary>
internal sealed class ListFormatException(string location, string problem)
    : Exception($"{location}: {problem}")
{
    public string Location { get; } = location;

    public string Problem { get; } = problem;
}
