using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaVip.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IdempotencyBinding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Records written before were bound to an account, not a key, and kept new keys' secrets: none may be replayed.
            migrationBuilder.Sql("DELETE FROM idempotency_records;");

            migrationBuilder.AddColumn<bool>(
                name: "ResponseStored",
                table: "idempotency_records",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "idempotency_records",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "SecretOmitted",
                table: "idempotency_records",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResponseStored",
                table: "idempotency_records");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "idempotency_records");

            migrationBuilder.DropColumn(
                name: "SecretOmitted",
                table: "idempotency_records");
        }
    }
}
