using FluxOperator.Controllers;

namespace FluxOperator.Controllers.Tests;

public class OperatorInfoTests
{
    [Fact]
    public void Version_is_the_semver_of_the_build_without_commit_metadata()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", OperatorInfo.Version);
    }
}
