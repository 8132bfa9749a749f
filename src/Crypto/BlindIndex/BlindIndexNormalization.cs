namespace Compliance.Crypto;

/// <summary>How a value is canonicalized before it is indexed; the rules are in docs/blind-index.md.</summary>
public enum BlindIndexNormalization
{
    /// <summary>The value as given (ordinal UTF-8). For values already canonical, e.g. ISO dates.</summary>
    Exact = 0,

    /// <summary>National ids and document numbers: fold full-width forms, drop everything but letters and digits, upper-case.</summary>
    Identifier = 1,

    /// <summary>Email addresses: fold full-width forms, trim, lower-case.</summary>
    Email = 2,

    /// <summary>Names and free text: fold full-width forms, trim, collapse whitespace runs to one space, lower-case.</summary>
    Text = 3,
}
