using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaVip.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Ipv6Addresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Ipv6Address",
                table: "nics",
                type: "TEXT",
                maxLength: 39,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_nics_SubnetId_Ipv6Address",
                table: "nics",
                columns: new[] { "SubnetId", "Ipv6Address" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_nics_SubnetId_Ipv6Address",
                table: "nics");

            migrationBuilder.DropColumn(
                name: "Ipv6Address",
                table: "nics");
        }
    }
}
