using Compliance.Api.Tests.Infrastructure;

namespace Compliance.Api.Tests.Screening;

/// <summary><c>lists import|status</c> as an operator runs them: progress on stderr, the result on stdout, exit codes.</summary>
public sealed class ListsCommandTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ImportsADirectoryOfOfacFiles_RefusesABadFile_AndShowsWhatIsLoaded()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var directory = Path.Combine(Path.GetTempPath(), "lists-" + Guid.NewGuid().ToString("N"));
        try
        {
            var environment = new Dictionary<string, string?> { ["ConnectionStrings__Postgres"] = connectionString };
            using (var migrate = ServiceProcess.Start(["migrate"], environment))
            {
                (await migrate.WaitForExitAsync(ExitTimeout)).Should().Be(0, migrate.StandardError);
            }

            using (var import = ServiceProcess.Start(["lists", "import", Path.Combine(ListFixtures.Dir, "ofac"), "--format", "ofac-sdn-csv"], environment))
            {
                (await import.WaitForExitAsync(ExitTimeout)).Should().Be(0, import.StandardError);
                import.StandardError.Should().Contain("ofac-sdn: parsed 7 entries; storing").And.Contain("ofac-sdn: stored 7 of 7 entries");
                import.StandardOutput.Should().Contain("ofac-sdn version 1: 7 entries, 0 added, 0 removed, 0 changed.");
            }

            Directory.CreateDirectory(directory);
            var broken = Path.Combine(directory, "consolidated.xml");
            await File.WriteAllTextAsync(broken, ListFixtures.Text("un-consolidated.xml").Replace("</INDIVIDUALS>", "", StringComparison.Ordinal));
            using (var refused = ServiceProcess.Start(["lists", "import", broken, "--format", "un-consolidated-xml"], environment))
            {
                (await refused.WaitForExitAsync(ExitTimeout)).Should().Be(1);
                refused.StandardError.Should().Contain("compliance: refused, nothing imported: UN consolidated list line");
            }

            using (var misuse = ServiceProcess.Start(["lists", "import", broken, "--format", "pdf"], environment))
            {
                (await misuse.WaitForExitAsync(ExitTimeout)).Should().Be(2);
            }

            using var status = ServiceProcess.Start(["lists", "status"], environment);
            (await status.WaitForExitAsync(ExitTimeout)).Should().Be(0, status.StandardError);
            status.StandardOutput.Should().MatchRegex("ofac-sdn +v1 +7 entries +ofac-sdn-csv").And.NotContain("un-consolidated");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
