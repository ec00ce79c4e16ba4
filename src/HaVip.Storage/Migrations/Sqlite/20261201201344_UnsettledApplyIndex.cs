using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaVip.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnsettledApplyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_havip_host_applies_Host",
                table: "havip_host_applies");

            migrationBuilder.CreateIndex(
                name: "IX_havip_host_applies_Host",
                table: "havip_host_applies",
                column: "Host",
                filter: "\"AppliedGeneration\" < \"RequiredGeneration\" OR \"Error\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_havip_host_applies_Host",
                table: "havip_host_applies");

            migrationBuilder.CreateIndex(
                name: "IX_havip_host_applies_Host",
                table: "havip_host_applies",
                column: "Host");
        }
    }
}
