using System.Text.Json;

namespace Compliance.Rules;

/// <summary>One input of a test case as written: its name (<c>input1</c>.. for an array of inputs) and its JSON, detached from the file's document.</summary>
internal sealed record RuleTestInput(string Name, JsonElement Json);
