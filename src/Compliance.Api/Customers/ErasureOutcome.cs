namespace Compliance.Api.Customers;

internal enum ErasureOutcome
{
    Erased,
    NotFound,
    AlreadyErased,
}
