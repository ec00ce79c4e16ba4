using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaVip.Storage.Migrations.Postgres
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
                type: "character varying(39)",
                maxLength: 39,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "IpAddress",
                table: "havips",
                type: "character varying(39)",
                maxLength: 39,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(15)",
                oldMaxLength: 15);

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

            migrationBuilder.AlterColumn<string>(
                name: "IpAddress",
                table: "havips",
                type: "character varying(15)",
                maxLength: 15,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(39)",
                oldMaxLength: 39);
        }
    }
}
