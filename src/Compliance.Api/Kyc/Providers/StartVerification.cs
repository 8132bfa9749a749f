namespace Compliance.Api.Kyc.Providers;

/// <param name="CustomerId">Our customer id, sent as the provider's external reference.</param>
/// <param name="VerificationId">Our id for this attempt; the basis of idempotency keys.</param>
/// <param name="Level">The verification level asked for (Sumsub level name, Stripe type, ...).</param>
/// <param name="ExistingApplicantRef">The provider's applicant id from an earlier verification of this customer, to reuse.</param>
/// <param name="Subject">For screening providers only: the person to search for. Identity providers get no personal data; the customer enters it in the provider's flow.</param>
internal sealed record StartVerification(string CustomerId, Guid VerificationId, string Level, string? ExistingApplicantRef, ScreeningSubject? Subject = null);
