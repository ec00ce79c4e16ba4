using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaVip.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MacPerVpcAuditAge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_nics_MacAddress",
                table: "nics");

            migrationBuilder.AddColumn<string>(
                name: "VpcId",
                table: "nics",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            // Existing NICs take their subnet's VPC before the per-VPC index is built.
            migrationBuilder.Sql("""UPDATE nics SET "VpcId" = (SELECT s."VpcId" FROM subnets s WHERE s."Id" = nics."SubnetId");""");

            migrationBuilder.CreateIndex(
                name: "IX_nics_VpcId_MacAddress",
                table: "nics",
                columns: new[] { "VpcId", "MacAddress" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_At",
                table: "audit_entries",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_nics_VpcId_MacAddress",
                table: "nics");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_At",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "VpcId",
                table: "nics");

            migrationBuilder.CreateIndex(
                name: "IX_nics_MacAddress",
                table: "nics",
                column: "MacAddress",
                unique: true);
        }
    }
}
