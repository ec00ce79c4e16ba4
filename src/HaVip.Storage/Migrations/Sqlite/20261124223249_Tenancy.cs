using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaVip.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Tenancy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AccountId",
                table: "vpcs",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "acct-default");

            migrationBuilder.AddColumn<string>(
                name: "AccountId",
                table: "subnets",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "acct-default");

            migrationBuilder.AddColumn<string>(
                name: "AccountId",
                table: "instances",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "acct-default");

            migrationBuilder.AddColumn<string>(
                name: "AccountId",
                table: "havips",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "acct-default");

            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.Id);
                });

            // What existed before accounts did belongs to the default account.
            migrationBuilder.InsertData(
                table: "accounts",
                columns: new[] { "Id", "Name", "CreatedAt" },
                values: new object[] { "acct-default", "default", new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc) });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    KeyPrefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ResourceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    RateLimitPerSecond = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_api_keys_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_vpcs_AccountId",
                table: "vpcs",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_subnets_AccountId",
                table: "subnets",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_instances_AccountId",
                table: "instances",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_havips_AccountId_Id",
                table: "havips",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_AccountId_Id",
                table: "api_keys",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_Hash",
                table: "api_keys",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_AccountId_Id",
                table: "audit_entries",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.AddForeignKey(
                name: "FK_havips_accounts_AccountId",
                table: "havips",
                column: "AccountId",
                principalTable: "accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_instances_accounts_AccountId",
                table: "instances",
                column: "AccountId",
                principalTable: "accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_subnets_accounts_AccountId",
                table: "subnets",
                column: "AccountId",
                principalTable: "accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_vpcs_accounts_AccountId",
                table: "vpcs",
                column: "AccountId",
                principalTable: "accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_havips_accounts_AccountId",
                table: "havips");

            migrationBuilder.DropForeignKey(
                name: "FK_instances_accounts_AccountId",
                table: "instances");

            migrationBuilder.DropForeignKey(
                name: "FK_subnets_accounts_AccountId",
                table: "subnets");

            migrationBuilder.DropForeignKey(
                name: "FK_vpcs_accounts_AccountId",
                table: "vpcs");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropIndex(
                name: "IX_vpcs_AccountId",
                table: "vpcs");

            migrationBuilder.DropIndex(
                name: "IX_subnets_AccountId",
                table: "subnets");

            migrationBuilder.DropIndex(
                name: "IX_instances_AccountId",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "IX_havips_AccountId_Id",
                table: "havips");

            migrationBuilder.DropColumn(
                name: "AccountId",
                table: "vpcs");

            migrationBuilder.DropColumn(
                name: "AccountId",
                table: "subnets");

            migrationBuilder.DropColumn(
                name: "AccountId",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "AccountId",
                table: "havips");
        }
    }
}
