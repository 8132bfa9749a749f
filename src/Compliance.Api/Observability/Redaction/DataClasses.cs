using Microsoft.Extensions.Compliance.Classification;

namespace Compliance.Api;

/// <summary>
/// The service's data classes. Every value a log line, a trace or a <c>ToString</c> could carry is
/// one of these or plain operational data (ids the service made, amounts, codes); the redactors in
/// <see cref="RedactionExtensions"/> decide what each class becomes in telemetry. docs/operations.md
/// has the table.
/// </summary>
internal static class DataClasses
{
    public const string Taxonomy = "Compliance";

    /// <summary>Data about a person: names, dates of birth, national and document numbers, contact
    /// details, addresses, a payee's name and account, officers' free text. Erased from telemetry.</summary>
    public static DataClassification Personal { get; } = new(Taxonomy, nameof(Personal));

    /// <summary>A reference that names one person in the caller's systems (the customer id). Logged as a
    /// keyed HMAC: log lines about one customer still correlate, and <c>keys log-pseudonym</c> finds them.</summary>
    public static DataClassification Pseudonym { get; } = new(Taxonomy, nameof(Pseudonym));

    /// <summary>Keys, key material and signing secrets. Erased from telemetry.</summary>
    public static DataClassification Secret { get; } = new(Taxonomy, nameof(Secret));
}

/// <summary>Personal data (<see cref="DataClasses.Personal"/>): never in logs, traces or <c>ToString</c>.</summary>
internal sealed class PersonalDataAttribute() : DataClassificationAttribute(DataClasses.Personal);

/// <summary>A person's reference in the caller's systems (<see cref="DataClasses.Pseudonym"/>): logged as a keyed HMAC.</summary>
internal sealed class PseudonymAttribute() : DataClassificationAttribute(DataClasses.Pseudonym);

/// <summary>Secret material (<see cref="DataClasses.Secret"/>): never in logs, traces or <c>ToString</c>.</summary>
internal sealed class SecretDataAttribute() : DataClassificationAttribute(DataClasses.Secret);
