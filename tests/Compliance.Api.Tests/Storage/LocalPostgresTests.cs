using Compliance.Api.Storage;
using FluentAssertions;

namespace Compliance.Api.Tests.Storage;

/// <summary>When the service runs as root, the server runs as postgres and must reach its directory through every parent.</summary>
public sealed class LocalPostgresTests : IDisposable
{
    private const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _root = Directory.CreateTempSubdirectory("compliance-ancestors-").FullName;

    [Fact]
    public void BlockingAncestor_EveryParentSearchable_Null()
    {
        File.SetUnixFileMode(_root, Open);
        var data = Directory.CreateDirectory(Path.Combine(_root, "repo", ".data", "postgres")).FullName;

        LocalPostgres.BlockingAncestor(data).Should().BeNull();
    }

    [Fact]
    public void BlockingAncestor_ParentOwnerOnly_NamesThatParent()
    {
        File.SetUnixFileMode(_root, Open);
        var data = Directory.CreateDirectory(Path.Combine(_root, "home", "repo", ".data", "postgres")).FullName;
        File.SetUnixFileMode(Path.Combine(_root, "home"), OwnerOnly);

        LocalPostgres.BlockingAncestor(data).Should().Be(Path.Combine(_root, "home"));
    }

    public void Dispose()
    {
        File.SetUnixFileMode(_root, Open);
        Directory.Delete(_root, recursive: true);
    }
}
