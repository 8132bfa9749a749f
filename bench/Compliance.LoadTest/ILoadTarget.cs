namespace Compliance.LoadTest;

/// <summary>Makes the request with a given sequence number; called from the dispatcher, so it must be cheap.</summary>
internal interface ILoadTarget
{
    HttpRequestMessage Create(long sequence);
}
